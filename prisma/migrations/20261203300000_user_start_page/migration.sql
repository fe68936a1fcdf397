-- Each user may pick the section they land on after signing in (decision 032); null = the role's default.
ALTER TABLE "users" ADD COLUMN "start_page" TEXT;
