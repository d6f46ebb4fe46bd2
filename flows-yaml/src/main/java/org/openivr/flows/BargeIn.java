package org.openivr.flows;

/** What may interrupt a prompt. */
public enum BargeIn { KEYS, SPEECH, NONE }
