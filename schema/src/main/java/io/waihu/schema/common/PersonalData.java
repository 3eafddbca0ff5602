package io.waihu.schema.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that holds personal data of the event's data subject.
 * The event store encrypts it with the subject's own data key; erasing the subject
 * deletes that key, so the stored value can never be read again while the event
 * itself stays in the history.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PersonalData {
}
