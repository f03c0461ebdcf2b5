# wsguard's request log for the Jetty 12.0 and 12.1 distributions: https://github.com/wsguard/wsguard (jetty-config/README.md)

[description]
Reports, in wsguard's words, the broken WebSocket handshakes Jetty answers before any filter, which
the wsguard filter never sees: an Upgrade without Connection: Upgrade (Jetty's connector answers
400), a handshake without a key (Jetty's upgrade filter answers 400). A server-wide Jetty RequestLog,
dev.wsguard.jetty.BeforeFiltersRequestLog, added beside the server's own request log if it has one.
Put wsguard-jetty-<version>.jar beside wsguard-filter-<version>.jar in ${jetty.base}/lib/wsguard/.

[tags]
websocket
requestlog

# An environment of its own, so that one module serves ee10 and ee11, Jetty 12.0 and 12.1: the request log is
# server-wide, yet wsguard's classes must stay off the server's class path, which every environment sees first
# (wsguard's filter loaded from there could not see the Servlet API).
[environment]
wsguard

[depend]
server

# Jetty's own request log, when there is one, is set first: this module's XML keeps it.
[after]
requestlog

[lib]
lib/wsguard/*.jar

[files]
lib/wsguard/

[xml]
etc/wsguard-request-log.xml
