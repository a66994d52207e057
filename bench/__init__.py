"""Benchmarks: a synthetic WXR export generator and the import throughput/memory benchmark."""
