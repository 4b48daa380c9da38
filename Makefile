# The two commands of the README. Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint clean

run:  ## Install, migrate, load the 2022 demo and start the server on :8000
	bash scripts/run.sh

test:  ## Install what tests need and run the whole suite
	bash scripts/test.sh

lint:
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
