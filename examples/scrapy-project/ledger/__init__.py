"""A Scrapy project for two newspapers on the same Arc XP layout."""
