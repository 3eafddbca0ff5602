/** Users, roles and teams: who may log in and what they may touch. */
package io.waihu.backend.users;
