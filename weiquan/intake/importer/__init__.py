"""`weiquan import`: historical or national-platform exports (CSV or XLSX) into cases, once per row."""
