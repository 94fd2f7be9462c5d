/* sql_blob.S - the database's schema (src/schema.sql) embedded in the
 * binary at build time, NUL-terminated, as the XSD is (schema_blob.S). */
	.section .rodata
	.global imr_db_schema_data
	.balign 16
imr_db_schema_data:
	.incbin SQL_FILE
	.byte 0
	.section .note.GNU-stack,"",@progbits
