"""A Scrapy settings module for the tests (SCRAPY_SETTINGS_MODULE=tests.scrapy_settings)."""

BOT_NAME = "harness-tests"
BYLINE_SELECTOR = ".b-byline ::text"
