/** What every capability's API shares: coded errors, the command path with read-your-writes, input guards, record access, paging. */
package io.waihu.backend.api.support;
