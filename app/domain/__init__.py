"""Pure Python: enums, value objects, validation and business rules. No I/O."""
