/** The shape of a portal id in a URL path; anything else never reaches a query or an attribute. */
export const PORTAL_ID = /^pc_[A-Za-z0-9]{1,64}$/;
