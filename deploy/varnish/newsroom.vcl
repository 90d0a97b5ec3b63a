# Varnish 7.1 in front of Newsroom (README: "Varnish in front"; scripts/serve-cache).
#
# Caches what the README's CDN guidance says a shared cache may keep: anonymous
# GET and HEAD reader pages, for as long as Newsroom's Cache-Control allows
# (s-maxage, and stale-while-revalidate as grace: Varnish reads both itself).
# Purging, from 127.0.0.1 only:
#   PURGE /some/page/                       that address (every variant of it);
#   PURGE / with "xkey-purge: key1 key2"    every object tagged with any key.
# Objects are tagged by the backend's Surrogate-Key (Fastly's name) or xkey
# header, space-separated, through the xkey module of varnish-modules: the keys
# of what the page shows (article:12, section:3, list:latest, site; see
# pagecache/keys.py). Newsroom sends its purges here itself when
# NEWSROOM_VARNISH_URL is set (make serve-cache sets it).
vcl 4.1;

import xkey;

# scripts/serve-cache rewrites these two lines for another NEWSROOM_BIND.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 3s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    unset req.http.X-Cache;  # set by vcl_pass below, never by the client
    # Tracking parameters make no page of their own: drop them from the address
    # (the cache key) before anything else, so /a/?utm_source=x is /a/.
    if (req.url ~ "[?&](utm_[a-z0-9_]+|fbclid|gclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z0-9_]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone + " objects"));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never shared: the admin, each reader's own state, actions, previews, health.
    if (req.url ~ "^/(admin|reader|comments|like|preview)(/|\?|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    # Logged-in people and readers with a message waiting get their own page.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # A shared page is the same for every reader: no other cookie may change it
    # (Newsroom never serves a like state or a form token in it).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # Newsroom's pages hold absolute addresses: one copy per host and scheme.
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Cache;
}

sub vcl_backend_response {
    # The xkey module indexes the xkey header; Newsroom names it Surrogate-Key.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # A stale copy Newsroom served while one worker redraws the page: give it
    # to the requests waiting for it, keep it no longer (the purge it outlived
    # has already been sent).
    if (beresp.http.X-Page-Cache == "stale") {
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        return (deliver);
    }
    # Varnish's built-in rules follow: no store for Set-Cookie, private, no-store,
    # no-cache or a zero TTL.
}

sub vcl_deliver {
    if (req.http.X-Cache == "PASS") {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Internal headers stay inside, unless asked for from 127.0.0.1 with
    # "X-Cache-Debug: 1".
    if (!(req.http.X-Cache-Debug && client.ip ~ purgers)) {
        unset resp.http.xkey;
        unset resp.http.Surrogate-Key;
        unset resp.http.Cache-Tag;
        unset resp.http.Surrogate-Control;
        unset resp.http.X-Varnish;
        unset resp.http.Via;
    }
}
