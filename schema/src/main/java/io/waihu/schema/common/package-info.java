/** Value objects and annotations shared by every capability's messages. */
package io.waihu.schema.common;
