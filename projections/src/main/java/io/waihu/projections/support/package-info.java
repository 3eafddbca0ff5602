/** What every projection needs: the bridge into Vert.x and the feed of applied changes. */
package io.waihu.projections.support;
