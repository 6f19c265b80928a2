"""Scrapy settings of the ledger project."""

BOT_NAME = "ledger"
SPIDER_MODULES = ["ledger.spiders"]
NEWSPIDER_MODULE = "ledger.spiders"

ROBOTSTXT_OBEY = True
USER_AGENT = "ledger (+https://example.invalid/bot)"
DOWNLOAD_DELAY = 1.0
FEED_EXPORT_ENCODING = "utf-8"

#: The sites the spider crawls, each with its section pages to start from.
LEDGER_START_URLS = [
    "https://www.hudsonledger.example/news/",
    "https://www.lakeshoreledger.example/news/local/",
]
