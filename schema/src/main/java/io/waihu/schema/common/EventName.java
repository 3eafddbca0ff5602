package io.waihu.schema.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name of an event: what the event store records as the event's type, what
 * change notices and the audit history call it, independent of the Java class that
 * carries it. A record may be renamed or moved to another package; its name stays.
 *
 * <p>Format: {@code <capability>.<PastTenseFact>}, e.g. {@code crm.CustomerCreated}. A
 * name is never reused for another event, and never changed once an event of it has
 * been stored; the shape of the payload evolves through {@code @Revision} and upcasters.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventName {
    String value();
}
