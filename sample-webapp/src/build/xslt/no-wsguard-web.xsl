<?xml version="1.0" encoding="UTF-8"?>
<!-- Derives the web.xml of the "no-wsguard" WAR from the real one at build time, so the two cannot drift:
     the same application as a user would write it without wsguard. Removed: every filter whose class is
     wsguard's (the sample's own filters live in dev.wsguard.sample and stay), its filter-mappings, and every
     context-param named wsguard.*. Comments go too: they explain the wsguard setup that is no longer there. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:j="https://jakarta.ee/xml/ns/jakartaee"
                exclude-result-prefixes="j">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>

  <!-- wsguard's filter classes are in dev.wsguard and its subpackages other than the sample's. -->
  <xsl:variable name="wsguardFilters"
                select="/j:web-app/j:filter[starts-with(normalize-space(j:filter-class), 'dev.wsguard.')
                        and not(starts-with(normalize-space(j:filter-class), 'dev.wsguard.sample.'))]"/>

  <xsl:template match="/">
    <xsl:comment> Generated from src/main/webapp/WEB-INF/web.xml by src/build/xslt/no-wsguard-web.xsl: the sample without wsguard. </xsl:comment>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="comment()"/>
  <xsl:template match="j:filter[count(. | $wsguardFilters) = count($wsguardFilters)]"/>
  <xsl:template match="j:filter-mapping[normalize-space(j:filter-name) = $wsguardFilters/j:filter-name]"/>
  <xsl:template match="j:context-param[starts-with(normalize-space(j:param-name), 'wsguard.')]"/>
</xsl:stylesheet>
