/** A campaign's contacts (list entries, apart from the CRM) and the list imports that add them: commands and events. */
package io.waihu.schema.dialer.contacts;
