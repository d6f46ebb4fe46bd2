package org.openivr.cli;

/** Bad command-line usage: the message says what was wrong; exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
