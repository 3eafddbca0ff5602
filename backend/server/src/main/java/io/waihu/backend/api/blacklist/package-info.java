/** The do-not-call list. */
package io.waihu.backend.api.blacklist;
