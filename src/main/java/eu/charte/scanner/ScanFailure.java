package eu.charte.scanner;

/** A scan that could not run at all (no browser, unknown portal, bad start URL): exit code 2, status failed. */
class ScanFailure extends RuntimeException {

    ScanFailure(String message) {
        super(message);
    }
}
