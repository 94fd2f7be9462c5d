/* schema_blob.S - the XSD embedded in the binary at build time. */
	.section .rodata
	.global imr_schema_data
	.global imr_schema_size
	.balign 16
imr_schema_data:
	.incbin SCHEMA_FILE
	.byte 0
imr_schema_end:
	.balign 8
imr_schema_size:
	.quad imr_schema_end - imr_schema_data - 1
	.section .note.GNU-stack,"",@progbits
