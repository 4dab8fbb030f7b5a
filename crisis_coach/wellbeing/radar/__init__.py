"""The career risk radar: a monthly self-check of early signs for the article's seven crisis types,
and the standing prevention plan its suggestions feed (issue 21). Private to its owner."""
