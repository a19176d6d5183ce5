package eu.charte.portal;

/** Which national rules apply to a portal: Belgium, France, or the common EU rules for others. */
public enum Jurisdiction {
    BE, FR, EU
}
