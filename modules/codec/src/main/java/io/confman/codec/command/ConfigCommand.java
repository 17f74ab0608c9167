package io.confman.codec.command;

/** A command on one config key, carrying the HTTP preconditions checked in apply. */
public sealed interface ConfigCommand extends Command permits SetConfig, DeleteConfig, SetConfigBlobRef {

    String key();

    Preconditions preconditions();
}
