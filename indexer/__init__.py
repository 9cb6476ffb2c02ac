"""Turn conference reports into tagged inputs: extract, parse, load."""
