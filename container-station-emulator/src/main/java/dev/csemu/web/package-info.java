/**
 * The wire: base paths and their aliases, the vendor's error envelope, exception advice,
 * and reading curl's form-typed JSON bodies. Depends on no feature.
 */
package dev.csemu.web;
