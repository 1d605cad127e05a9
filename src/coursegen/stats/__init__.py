"""Statistics: item analysis, reliability, gain, flags, and the tables and reports showing them."""
