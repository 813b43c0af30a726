package io.solcial.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates command objects, handing the {@link CliEnvironment} to those whose constructor takes it. */
final class CliFactory implements CommandLine.IFactory {
    private final CliEnvironment env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CliFactory(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            Class<?>[] params = c.getParameterTypes();
            if (params.length == 1 && params[0] == CliEnvironment.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(env));
            }
        }
        return fallback.create(cls);
    }
}
