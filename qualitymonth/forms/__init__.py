"""Progress forms: the Excel sheet a department fills (``write``), reading it back as untrusted
input (``read``, guarded by ``safety``), and turning several of them into journal events
(``collect``).  Nothing here is imported by ``qualitymonth`` itself: openpyxl loads only when a
form is written or read.
"""
