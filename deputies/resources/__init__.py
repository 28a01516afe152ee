"""Spreadsheet import and export of the register (django-import-export), with the headers offices write:
one module per kind of row, on the township-scoped resource and the cell widgets they share."""
