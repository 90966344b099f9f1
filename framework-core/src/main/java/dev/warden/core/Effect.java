package dev.warden.core;

/** What a tool does to the world. Policies key on effects rather than tool names wherever they can. */
public enum Effect {
    READ,
    WRITE,
    DELETE,
    EXTERNAL_COMMUNICATION,
    FINANCIAL,
    CODE_EXECUTION,
    CREDENTIAL_CHANGE,
    DELEGATION
}
