/**
 * The embeddable consent banner: {@code /p/{slug}/banner.js}, its stylesheet and its configuration as JSON, built
 * from the portal's published revision and its banner settings; {@code /.well-known/gpc.json}. The script and the
 * stylesheet are hand-written sources under {@code src/main/resources/banner/}, served as they are with the
 * configuration appended (no build step, no Node).
 */
package eu.charte.banner;
