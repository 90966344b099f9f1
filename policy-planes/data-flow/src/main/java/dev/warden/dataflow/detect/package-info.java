/**
 * Detectors of sensitive content: the {@link dev.warden.dataflow.detect.Detector} plug-in SPI, the built-in
 * detectors (checksummed financial and national identifiers, e-mail, phone, credentials, private keys, JWTs) and the
 * bounded {@link dev.warden.dataflow.detect.DetectorSuite}. Public API.
 */
package dev.warden.dataflow.detect;
