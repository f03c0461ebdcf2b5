# wsguard for the Jetty 12.1 distribution, ee11 environment: https://github.com/wsguard/wsguard (jetty-config/README.md)
# On Jetty 12.0 use the module wsguard (ee10) instead.

[description]
Jetty 12.1 (on Jetty 12.0: wsguard). Applies the wsguard filter (dev.wsguard.WebSocketGuardFilter)
to every deployed ee11 web application, first among its filters. wsguard explains, in the server
log, WebSocket handshakes that an ordinary resource answered instead of an endpoint ("Unexpected
response code: 200").
Put wsguard-filter-<version>.jar in ${jetty.base}/lib/wsguard/.

[tags]
websocket

[environment]
ee11

# Jetty 12.1's deployer (environments/, the deployment-scanner module). On Jetty 12.0 start.jar refuses this
# module in one line ("specifies jetty version [12.1] which is newer than this version of jetty").
[version]
12.1

[depend]
ee11-servlet
ee11-deploy

[lib]
lib/wsguard/*.jar

[files]
lib/wsguard/
# The per-webapp XML, where Jetty 12.1 looks for the XMLs it applies to every ee11 webapp; copied only if absent.
basehome:etc/wsguard-ee11-webapp.xml|environments/ee11-wsguard.xml

[xml]
etc/wsguard-ee11.xml

[ini-template]
## wsguard mode: log (diagnose in the log, never change a response), enforce (also answer bad or
## misrouted handshakes with 400/426 and a WSGuard-Code header), off (pass everything through).
wsguard.mode=log

## WebSocket endpoints (context-relative path templates, comma-separated) that no scan can see, in
## every webapp; usually left empty, a webapp can declare its own context-param wsguard.endpoints.
# wsguard.endpoints=

## A plain GET (no upgrade headers) to a known endpoint path: ignore, log or reject (426 in enforce).
# wsguard.plain-requests=log

## Bytes of a downstream answer held back, in enforce mode, while deciding (0 to 16777216).
# wsguard.buffer-limit=65536

## Seconds in which repeats of one (code, path) are counted and summarized in one line (1 to 86400).
# wsguard.log-window=60

## Enforce mode: put the whole (sanitized) diagnosis in the answer's body (development only).
# wsguard.details=false

## Where lines go: logger (java.util.logging "dev.wsguard"), servlet-context, or both.
# wsguard.log-sink=logger

## java.util.logging's console format for the server JVM (the module sets the system property
## java.util.logging.SimpleFormatter.format unless it is already set): one line per record, in the
## shape of Jetty's own lines, instead of the JVM's two. A logging.properties file that sets
## java.util.logging.SimpleFormatter.format wins over it; logging-jul-capture does not use it.
# wsguard.jul-format=%1$tY-%1$tm-%1$td %1$tH:%1$tM:%1$tS.%1$tL:%4$s:%3$s:%5$s%6$s%n
