"""How readers find the news: the front page, search, feeds, sitemaps, the
Check Also and related-stories ranking, and the structured data (JSON-LD) search
engines read. Every path starts from Article.objects.published()."""
