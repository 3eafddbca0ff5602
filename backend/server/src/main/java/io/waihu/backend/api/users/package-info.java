/** Users and logins. */
package io.waihu.backend.api.users;
