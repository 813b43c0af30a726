package io.solcial.log;

/** One allowed param of an action: its type and whether the action requires it. */
public record ParamSpec(ParamType type, boolean required, int maxLength) {

    static ParamSpec required(ParamType type) {
        return new ParamSpec(type, true, 0);
    }

    static ParamSpec optional(ParamType type) {
        return new ParamSpec(type, false, 0);
    }

    static ParamSpec optionalText(int maxLength) {
        return new ParamSpec(ParamType.TEXT, false, maxLength);
    }
}
