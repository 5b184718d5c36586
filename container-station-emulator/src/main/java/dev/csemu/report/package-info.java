/**
 * {@code /system/report}: a diagnosis archive (tar + bzip2) like QNAP's support bundle,
 * assembled from the other features' public APIs and streamed without temporary files.
 */
package dev.csemu.report;
