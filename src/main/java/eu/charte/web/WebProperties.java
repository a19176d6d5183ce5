package eu.charte.web;

import eu.charte.portal.Language;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web settings.
 *
 * @param defaultLanguage the language of platform pages (back office, sign-in) when nothing else decides
 * @param maxApiBody the largest request body the API reads
 */
@ConfigurationProperties("charte.web")
record WebProperties(@DefaultValue("fr") Language defaultLanguage, @DefaultValue("64KB") DataSize maxApiBody) {
}
