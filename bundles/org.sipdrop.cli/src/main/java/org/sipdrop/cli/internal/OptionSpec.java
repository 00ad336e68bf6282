package org.sipdrop.cli.internal;

import java.util.Set;

/** Implemented by commands that take options: which are flags and which take a value. */
public interface OptionSpec {

    Set<String> flags();

    Set<String> valued();
}
