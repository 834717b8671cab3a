package dev.shoal.stack.convert;

/** A stack that loads but cannot be deployed (an undefined network, an unreadable secret file, …); the message says where. */
public final class StackConvertException extends RuntimeException {
    public StackConvertException(String message) { super(message); }
}
