"""Renderers: peers that each turn a Course into files (`render(course, out_dir, options)`)."""

from coursegen.render.options import RenderOptions

__all__ = ["RenderOptions"]
