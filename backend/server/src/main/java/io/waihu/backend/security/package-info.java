/** Who is calling and what they may do: JWT login, role checks, record-level scoping. */
package io.waihu.backend.security;
