/**
 * The wire: base paths and the one classification of a request, the one body reader, the
 * vendor's error envelope and its one renderer, the browser check and the one piece of
 * Tomcat configuration. Depends on no feature.
 */
package dev.csemu.web;
