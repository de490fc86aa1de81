from fjhealth.cli import app

app(prog_name="fjhealth")
