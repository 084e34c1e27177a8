package fr.eterrain.local;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(LocalStackExtension.class)}: test methods, constructors and lifecycle methods may take a
 * {@link TestStack} (the one shared by the whole test JVM) or a {@link LocalPlatform} parameter.
 */
public final class LocalStackExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestStack.class || type == LocalPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestStack stack = TestStack.get();
        return parameter.getParameter().getType() == TestStack.class ? stack : stack.platform();
    }
}
