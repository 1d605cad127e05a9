"""The browser quiz runner: a Starlette app with learner and trainer views, forms and security."""
