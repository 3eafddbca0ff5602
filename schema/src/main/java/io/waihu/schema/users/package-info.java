/** Users, roles and teams. */
package io.waihu.schema.users;
