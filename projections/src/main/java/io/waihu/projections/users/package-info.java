/** Users as login and the role checks see them. */
package io.waihu.projections.users;
