public enum DemographyIOPlaceholder {}
