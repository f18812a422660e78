package io.gatehouse.provider;

/**
 * A provider whose error answers the gateway rewrites to OpenAI's error shape, marked with its slug:
 * every translating provider, and pass-through providers that opt in (Azure OpenAI).
 */
public interface TranslatesErrors {
    ErrorTranslator errors();
}
