"""`weiquan bench`: seed to N cases, then measure API creation and page latency on the configured database."""
